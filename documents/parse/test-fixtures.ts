/** Realistic documents written for the tests (not the seeds): other issuers, layouts and kinds. */

/** A provincial People's Committee plan, header flattened from two columns (PDF rows). */
export const PROVINCIAL_PLAN = `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH NAM ĐỊNH Độc lập - Tự do - Hạnh phúc
Số: 215/KH-UBND Nam Định, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Triển khai thực hiện công tác bảo vệ, chăm sóc trẻ em
trên địa bàn tỉnh năm 2025

Căn cứ Luật Trẻ em số 102/2016/QH13 ngày 05/4/2016;
Căn cứ Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phòng ngừa, giảm thiểu trẻ em lao động;
Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:

I. MỤC TIÊU, CHỈ TIÊU
1. Mục tiêu chung
Tạo môi trường sống an toàn, lành mạnh cho trẻ em.
2. Chỉ tiêu
- Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế đạt 100%.
- Giảm tỷ lệ trẻ em bị tai nạn thương tích xuống dưới 5%; tỷ lệ xã, phường đạt tiêu chuẩn phù hợp với trẻ em đạt trên 80%.
- Hằng năm tổ chức ít nhất 02 lớp tập huấn cho cán bộ làm công tác trẻ em.

II. NHIỆM VỤ, GIẢI PHÁP
1. Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy đảng, chính quyền.
2. Đẩy mạnh truyền thông về bảo vệ trẻ em; hoàn thành trong Quý II/2025.
3. Rà soát, thống kê trẻ em có hoàn cảnh đặc biệt, hoàn thành trước ngày 30/6/2025.

III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế: Chủ trì, phối hợp với các đơn vị liên quan triển khai Kế hoạch; tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025.
2. Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.
3. UBND các huyện, thành phố: Xây dựng kế hoạch thực hiện; báo cáo kết quả 6 tháng trước ngày 15/6 và báo cáo năm trước ngày 10/12 hằng năm gửi Sở Y tế.

Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Bộ Y tế; KT. CHỦ TỊCH
- TT Tỉnh ủy, TT HĐND tỉnh; PHÓ CHỦ TỊCH
- Các sở, ngành;
- Lưu: VT, VX.

Trần Anh Dũng
`;

/** A Party notice: "ĐẢNG CỘNG SẢN VIỆT NAM", Party symbol style, "T/M". */
export const PARTY_NOTICE = `TỈNH ỦY LAI CHÂU ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 145-TB/TU Lai Châu, ngày 20 tháng 9 năm 2024

THÔNG BÁO
kết luận của Ban Thường vụ Tỉnh ủy về công tác chăm sóc, giáo dục và bảo vệ trẻ em

Ngày 18/9/2024, Ban Thường vụ Tỉnh ủy họp nghe báo cáo kết quả thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị. Ban Thường vụ Tỉnh ủy kết luận như sau:

1. Các cấp ủy, tổ chức đảng tiếp tục quán triệt Chỉ thị số 28-CT/TW.
2. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp tham mưu sơ kết việc thực hiện, hoàn thành trong tháng 11/2024.

Nơi nhận:
- Các đồng chí Tỉnh ủy viên,
- Các huyện ủy, thành ủy,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC

Giàng A Tính
`;

/** A monthly report of a district trade union, OCR without diacritics. */
export const MONTHLY_REPORT_OCR = `LIEN DOAN LAO DONG TINH THAI BINH CONG HOA XA HOI CHU NGHIA VIET NAM
LDLD HUYEN KIEN XUONG Doc lap - Tu do - Hanh phuc
S6: 12/BC-LDLD Kién Xwong, ngay 25 thang 5 nam 2024

BAO CAO
Két qua hoat dong cong doan thang 5 va phuong huong nhiém vu thang 6 nam 2024

I. KET QUA HOAT DONG THANG 5
1. Cong tac tuyén truyén
Trong thang da t6 chirc 05 budi tuyén truyén cho 320 doan vién.
II. PHUONG HUONG NHIEM VU THANG 6
1. Tiép tuc tuyén truyén Thang Cong nhan nam 2024.
2. T6 chirc Hoi nghi so két 6 thang, hoan thanh trude ngay 30/6/2024.
Céac CDCS bao cao két qua hang thang trude ngay 20 gui LDLD huyén.

Noi nhan: TM. BAN THUONG VU
- LDLD tinh; CHU TICH
- Luu VP.

Nguyén Van Binh
`;

/**
 * A district letter forwarding the province's letter in the same file; the forwarded letter's
 * header is a one-row table read cell by cell (issuer, "Số:", "V/v" above the motto).
 */
export const FORWARDED_LETTERS = `UỶ BAN NHÂN DÂN
HUYỆN THẠCH HÀ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 95/UBND-VX
V/v triển khai Tháng Công nhân năm 2025
Thạch Hà, ngày 18 tháng 4 năm 2025
Kính gửi: Các cơ quan, đơn vị trên địa bàn huyện.
Thực hiện Công văn số 318/LĐLĐ-TG ngày 14/4/2025 của Liên đoàn Lao động tỉnh Hà Tĩnh (gửi kèm), Ủy ban nhân dân huyện đề nghị các cơ quan, đơn vị:
1. Tổ chức các hoạt động hưởng ứng Tháng Công nhân phù hợp với điều kiện thực tế.
2. Báo cáo kết quả thực hiện về Ủy ban nhân dân huyện (qua Phòng Văn hóa và Thông tin) trước ngày 25/5/2025.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thị Hồng Vân
LIÊN ĐOÀN LAO ĐỘNG
TỈNH HÀ TĨNH

Số: 318/LĐLĐ-TG
V/v hướng dẫn tổ chức các hoạt động
Tháng Công nhân năm 2025

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Tĩnh, ngày 14 tháng 4 năm 2025

Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.
Thực hiện Kế hoạch số 45/KH-TLĐ ngày 02/3/2025 của Tổng Liên đoàn Lao động Việt Nam, Ban Thường vụ Liên đoàn Lao động tỉnh đề nghị:
1. Chỉ đạo tổ chức Tháng Công nhân năm 2025 thiết thực, hiệu quả.
2. Hỗ trợ công đoàn cơ sở thăm hỏi đoàn viên có hoàn cảnh khó khăn.
Nơi nhận:
- Như trên;
- Lưu: VT, TG.
TM. BAN THƯỜNG VỤ
PHÓ CHỦ TỊCH
Trần Văn Quang
`;

/**
 * A provincial People's Committee plan read from DOCX: header table cells one after another,
 * "Căn cứ …" lines, a target table with years as columns (cells one a line), "Sở …" lead units.
 */
export const PROVINCIAL_PLAN_DOCX = `ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ

Số: 168/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Quảng Trị, ngày 22 tháng 7 năm 2025

KẾ HOẠCH
Phát triển đời sống văn hóa, thể thao cho người lao động
tại các khu công nghiệp trên địa bàn tỉnh giai đoạn 2025 - 2030

Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;
Căn cứ Quyết định số 1145/QĐ-TTg ngày 08/10/2024 của Thủ tướng Chính phủ phê duyệt Đề án xây dựng thiết chế văn hóa, thể thao cho người lao động;
Căn cứ Nghị quyết số 45/NQ-HĐND ngày 10/12/2024 của Hội đồng nhân dân tỉnh về nhiệm vụ phát triển kinh tế - xã hội năm 2025;
Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:

I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao đời sống văn hóa, tinh thần và thể chất cho người lao động tại các khu công nghiệp.
2. Chỉ tiêu cụ thể

TT

Chỉ tiêu

Đơn vị tính

Năm 2025

Năm 2030

1

Tỷ lệ doanh nghiệp có thiết chế văn hóa, thể thao cho người lao động

%

40

60

2

Số khu nhà ở công nhân có thiết chế công đoàn

khu

3

8

3

Tỷ lệ người lao động tham gia tập luyện thể dục, thể thao thường xuyên

%

≥ 35

≥ 50

II. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện cơ chế, chính sách hỗ trợ xây dựng thiết chế văn hóa, thể thao tại các khu công nghiệp. Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch; hoàn thành trong Quý IV/2025.
2. Tổ chức Hội thao công nhân, viên chức, lao động tỉnh hằng năm. Đơn vị chủ trì: Liên đoàn Lao động tỉnh.
3. Giao Sở Y tế chủ trì, phối hợp với Liên đoàn Lao động tỉnh tổ chức khám sức khỏe cho người lao động tại các khu công nghiệp, hoàn thành trước ngày 30/11/2025.

III. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch: Chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.
2. Sở Tài chính: Tham mưu bố trí kinh phí thực hiện Kế hoạch theo quy định.
3. Ủy ban nhân dân các huyện, thị xã, thành phố: Xây dựng kế hoạch thực hiện tại địa phương. Báo cáo kết quả thực hiện giai đoạn 2025 - 2030 về Sở Văn hóa, Thể thao và Du lịch để tổng hợp.

Nơi nhận:
- Bộ Văn hóa, Thể thao và Du lịch;
- TT Tỉnh ủy, TT HĐND tỉnh;
- Chủ tịch, các PCT UBND tỉnh;
- Các sở, ban, ngành;
- UBND các huyện, thị xã, thành phố;
- Lưu: VT, KGVX.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Hoàng Nam
`;

/** A Party committee notice (district level), text PDF with a flattened two-column header. */
export const PARTY_COMMITTEE_NOTICE = `ĐẢNG BỘ TỈNH HÀ NAM ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY THANH LIÊM
*
Số 212-TB/HU Thanh Liêm, ngày 14 tháng 11 năm 2025

THÔNG BÁO
ý kiến của Ban Thường vụ Huyện ủy về công tác chuẩn bị
Đại hội Công đoàn huyện lần thứ XII, nhiệm kỳ 2025 - 2030

Ngày 12/11/2025, Ban Thường vụ Huyện ủy nghe Đảng đoàn Liên đoàn Lao động huyện báo cáo công tác chuẩn bị Đại hội Công đoàn huyện. Thực hiện Chỉ thị số 41-CT/TU ngày 20/3/2025 của Ban Thường vụ Tỉnh ủy về lãnh đạo đại hội công đoàn các cấp, Ban Thường vụ Huyện ủy có ý kiến như sau:

1. Đồng ý với dự thảo báo cáo chính trị và phương án nhân sự Ban Chấp hành khóa XII.
2. Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Liên đoàn Lao động huyện tuyên truyền về Đại hội, hoàn thành trong tháng 12/2025.
3. Đảng đoàn Liên đoàn Lao động huyện hoàn thiện hồ sơ nhân sự, báo cáo Thường trực Huyện ủy trước ngày 05/12/2025.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (để báo cáo),
- Các đồng chí Huyện ủy viên,
- Đảng đoàn LĐLĐ huyện,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Phạm Văn Tuấn
`;

/** A monthly report of a union of industrial zones, with results, shortcomings and next month's plan. */
export const MONTHLY_UNION_REPORT = `LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG
CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP

Số: 87/BC-CĐKCN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Bắc Giang, ngày 28 tháng 10 năm 2025

BÁO CÁO
Kết quả hoạt động công đoàn tháng 10
và phương hướng, nhiệm vụ tháng 11 năm 2025

Thực hiện Kế hoạch số 12/KH-CĐKCN ngày 15/01/2025 của Ban Thường vụ Công đoàn các Khu công nghiệp về hoạt động công đoàn năm 2025, Ban Thường vụ báo cáo kết quả hoạt động tháng 10 như sau:

I. KẾT QUẢ HOẠT ĐỘNG THÁNG 10
1. Công tác tuyên truyền, giáo dục
Tổ chức 12 hội nghị tuyên truyền pháp luật lao động cho 1.450 đoàn viên; 95% công đoàn cơ sở đã quán triệt Chỉ thị số 32-CT/TU ngày 05/8/2025 của Ban Thường vụ Tỉnh ủy.
2. Công tác phát triển đoàn viên
Kết nạp mới 1.230 đoàn viên, đạt 82% chỉ tiêu năm; thành lập mới 04 công đoàn cơ sở.
3. Công tác chăm lo đời sống đoàn viên
Thăm hỏi, tặng quà 215 đoàn viên có hoàn cảnh khó khăn với tổng số tiền 430 triệu đồng.

II. TỒN TẠI, HẠN CHẾ
1. Tỷ lệ đoàn viên ở doanh nghiệp có vốn đầu tư nước ngoài còn thấp, mới đạt 68%.
2. Một số công đoàn cơ sở chưa chủ động tổ chức đối thoại với người sử dụng lao động.

III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 11 NĂM 2025
1. Đẩy mạnh phát triển đoàn viên; phấn đấu đến hết năm 2025 có trên 90% doanh nghiệp từ 25 lao động trở lên thành lập công đoàn cơ sở.
2. Tổ chức Hội nghị đối thoại giữa lãnh đạo tỉnh với công nhân lao động các khu công nghiệp, hoàn thành trước ngày 25/11/2025.
3. Rà soát, lập danh sách đoàn viên có hoàn cảnh khó khăn để thăm hỏi dịp Tết Nguyên đán. Đơn vị chủ trì: Ban Nữ công - Chính sách.
Các công đoàn cơ sở báo cáo kết quả hoạt động hằng tháng trước ngày 25 gửi về Công đoàn các Khu công nghiệp (qua Văn phòng).

Trên đây là báo cáo kết quả hoạt động tháng 10 và phương hướng, nhiệm vụ tháng 11 năm 2025 của Công đoàn các Khu công nghiệp tỉnh Bắc Giang./.

Nơi nhận:
- Thường trực LĐLĐ tỉnh;
- Ban Tổ chức LĐLĐ tỉnh;
- Các CĐCS trực thuộc;
- Lưu: VT.

TM. BAN THƯỜNG VỤ
CHỦ TỊCH

Nguyễn Thị Thu Hà
`;
