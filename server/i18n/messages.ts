/** Server messages in Vietnamese (default) and English, chosen by `Accept-Language`. */
export type Locale = 'vi' | 'en';

type Catalog = Record<string, { vi: string; en: string }>;

export const MESSAGES = {
  unauthenticated: { vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
  bad_credentials: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  too_many_attempts: {
    vi: 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau {seconds} giây.',
    en: 'Too many failed sign-ins. Try again in {seconds} seconds.',
  },
  csrf: {
    vi: 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang.',
    en: 'Invalid session (missing anti-forgery token). Reload the page.',
  },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  forbidden_unit: {
    vi: 'Đơn vị này nằm ngoài phạm vi đơn vị của bạn.',
    en: 'This unit is outside your organisation.',
  },
  not_found: { vi: 'Không tìm thấy {what}.', en: 'No such {what}.' },
  conflict_version: {
    vi: 'Dữ liệu đã được người khác thay đổi trong lúc bạn sửa. Hãy tải lại để xem thay đổi rồi sửa lại.',
    en: 'Someone else changed this while you were editing. Reload to see their change, then edit again.',
  },
  document_duplicate: {
    vi: 'Văn bản này đã có trong kho ({symbol}).',
    en: 'This document is already in the registry ({symbol}).',
  },
  duplicate: { vi: '{field} "{value}" đã tồn tại.', en: '{field} "{value}" already exists.' },
  validation: {
    vi: 'Giá trị không hợp lệ ở trường {field}: {detail}',
    en: 'Invalid value in {field}: {detail}',
  },
  plan_without_diacritics: {
    vi: 'Văn bản gần như không có dấu tiếng Việt, chưa ký được như vậy. Hãy sửa lại nội dung có dấu, hoặc xác nhận đã đọc lại và vẫn ban hành.',
    en: 'The text is written almost without Vietnamese diacritics and cannot be signed as it is. Restore them, or confirm you have read it and issue it anyway.',
  },
  signer_required: {
    vi: 'Chưa ban hành được: văn bản cần khối chữ ký ({detail}).',
    en: 'Cannot issue: the document needs a signature block ({detail}).',
  },
  malformed_json: {
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  json_too_deep: {
    vi: 'Nội dung gửi lên lồng nhau quá {max} tầng nên không được nhận.',
    en: 'The request body nests more than {max} levels deep and was refused.',
  },
  bad_request: {
    vi: 'Yêu cầu không hợp lệ nên không được xử lý.',
    en: 'The request is not valid and was not handled.',
  },
  unsupported_media_type: {
    vi: 'Kiểu nội dung gửi lên không được hỗ trợ.',
    en: 'The request body’s content type is not supported.',
  },
  payload_too_large: { vi: 'Tệp hoặc nội dung quá lớn.', en: 'The file or request is too large.' },
  internal: {
    vi: 'Lỗi hệ thống. Thao tác chưa được lưu; hãy thử lại hoặc báo quản trị viên.',
    en: 'Server error. Nothing was saved; try again or tell your administrator.',
  },
  database_unavailable: {
    vi: 'Máy chủ tạm thời không kết nối được cơ sở dữ liệu. Thao tác chưa được lưu; hãy thử lại sau giây lát.',
    en: 'The server cannot reach its database for the moment. Nothing was saved; try again in a moment.',
  },
  busy: {
    vi: 'Máy chủ đang bận xử lý thao tác khác trên cùng dữ liệu. Hãy thử lại sau giây lát.',
    en: 'The server is busy with another change to the same data. Try again in a moment.',
  },
  query_timeout: {
    vi: 'Thao tác chạy quá thời gian cho phép nên đã bị dừng; chưa có gì được lưu. Hãy thử lại sau hoặc thu hẹp phạm vi (ngày, đơn vị).',
    en: 'The operation ran past its time limit and was stopped; nothing was saved. Try again later, or narrow it (date, unit).',
  },
  indicator_in_use: {
    vi: 'Chỉ số đã được dùng (đo chỉ tiêu, có trong biểu mẫu hoặc đã có số liệu) nên không đổi được loại, cách chia nhóm hay cách cộng dồn. Hãy tạo chỉ số mới và ngừng dùng chỉ số này.',
    en: 'This indicator is in use (it measures a target, is on a form or holds reported values), so its kind, breakdown and roll-up cannot change. Make a new indicator and retire this one.',
  },
  indicator_retired: {
    vi: 'Chỉ số "{name}" đã ngừng dùng; hãy chọn chỉ số khác hoặc dùng lại chỉ số này trên trang Chỉ số.',
    en: 'The indicator "{name}" is retired; choose another, or restore it on the Indicators page.',
  },
  conflict: {
    vi: 'Thao tác xung đột với dữ liệu hiện có (trùng hoặc đang được dùng ở nơi khác).',
    en: 'The change conflicts with existing data (a duplicate, or still in use elsewhere).',
  },
  out_of_range: {
    vi: 'Có giá trị nằm ngoài phạm vi cho phép.',
    en: 'A value is out of the allowed range.',
  },
  route_not_found: { vi: 'Không có địa chỉ API này.', en: 'No such API route.' },
  org_date_order: {
    vi: 'Ngày hiệu lực phải sau ngày bắt đầu hiện tại ({from}).',
    en: 'The effective date must be after the current start ({from}).',
  },
  org_not_valid_on: {
    vi: 'Đơn vị {name} không tồn tại vào ngày {date}.',
    en: 'Unit {name} does not exist on {date}.',
  },
  org_cycle: {
    vi: 'Không thể đặt "{unit}" trực thuộc "{parent}": từ ngày {date}, "{parent}" là chính đơn vị này hoặc đơn vị cấp dưới của nó (chuỗi trực thuộc: {chain}), cơ cấu tổ chức sẽ thành vòng lặp.',
    en: 'Cannot place "{unit}" under "{parent}": from {date}, "{parent}" is that unit itself or one of its own units (chain of parents: {chain}); the organisation would go round in a circle.',
  },
  org_merge_into_descendant: {
    vi: 'Không thể sáp nhập "{source}" vào "{target}": từ ngày {date}, "{target}" nằm dưới "{source}" (chuỗi trực thuộc: {chain}). Hãy chuyển "{target}" ra khỏi "{source}" trước.',
    en: 'Cannot merge "{source}" into "{target}": from {date}, "{target}" lies under "{source}" (chain of parents: {chain}). Move "{target}" out of "{source}" first.',
  },
  org_split_under_source: {
    vi: 'Đơn vị kế thừa "{successor}" không thể trực thuộc "{source}" hoặc đơn vị cấp dưới của nó (chuỗi trực thuộc: {chain}), vì "{source}" được chia tách từ ngày {date}.',
    en: 'Successor "{successor}" cannot sit under "{source}" or one of its units (chain of parents: {chain}), since "{source}" is split from {date}.',
  },
  org_closed: { vi: 'Đơn vị {name} đã giải thể.', en: 'Unit {name} is closed.' },
  org_close_has_children: {
    vi: 'Đơn vị còn {count} đơn vị trực thuộc; hãy chuyển hoặc sáp nhập chúng trước khi giải thể.',
    en: 'The unit still has {count} units under it; move or merge them before closing it.',
  },
  import_failed: {
    vi: 'Tệp có {count} lỗi; chưa có dòng nào được lưu.',
    en: 'The file has {count} errors; nothing was saved.',
  },
  exchange_no_data_set: {
    vi: 'Lịch báo cáo "{schedule}" chưa có mã bộ dữ liệu (dataSet) của DHIS2; hãy gắn mã ở trang Trao đổi DHIS2.',
    en: 'The reporting schedule "{schedule}" has no DHIS2 data set code yet; set it on the DHIS2 exchange page.',
  },
  exchange_no_dhis2_period: {
    vi: 'DHIS2 không có loại kỳ cho kỳ {period}; hãy xuất dạng ADX.',
    en: 'DHIS2 has no period type for the period {period}; export it as ADX.',
  },
  exchange_unknown_period: {
    vi: 'Kỳ {period} không đổi được sang kỳ của DHIS2/ADX.',
    en: 'The period {period} has no DHIS2/ADX form.',
  },
  exchange_bad_mapping: {
    vi: 'Không gắn được mã ở trường {field}: {detail}',
    en: 'Cannot set this code ({field}): {detail}',
  },
  exchange_code_taken: {
    vi: 'Mã "{code}" đã được gắn cho {what} khác.',
    en: 'The code "{code}" is already set for another {what}.',
  },
  unsupported_file: {
    vi: 'Loại tệp không được hỗ trợ: cần {expected}.',
    en: 'Unsupported file type: expected {expected}.',
  },
  pdf_unavailable: {
    vi: 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Quản trị viên cài gói Debian: libreoffice-writer-nogui fonts-liberation2. Tệp DOCX vẫn tải được.',
    en: 'LibreOffice is not installed on the server, so PDF export is unavailable. Ask the administrator to install the Debian packages libreoffice-writer-nogui fonts-liberation2. DOCX still works.',
  },
  pdf_busy: {
    vi: 'Máy chủ đang xuất {running} tệp PDF và {queued} yêu cầu đang chờ (tối đa {limit}); hãy thử lại sau ít phút. Tệp DOCX vẫn tải được ngay.',
    en: 'The server is rendering {running} PDFs with {queued} requests waiting (at most {limit}); try again in a few minutes. DOCX downloads work now.',
  },
  pdf_timeout: {
    vi: 'Xuất PDF quá {seconds} giây nên đã dừng. Tệp DOCX vẫn tải được.',
    en: 'PDF rendering took longer than {seconds} seconds and was stopped. DOCX still works.',
  },
  // report attachments: every quota named with its limit (README, Configuration)
  attachment_too_large: {
    vi: 'Tệp lớn hơn giới hạn {limit} MB cho mỗi tệp đính kèm; tệp chưa được lưu.',
    en: 'The file is larger than the {limit} MB limit for one attachment; it was not saved.',
  },
  attachment_count_limit: {
    vi: 'Báo cáo đã có {count} tệp đính kèm, tối đa {limit} tệp; tệp chưa được lưu.',
    en: 'The report already has {count} attachments, at most {limit}; the file was not saved.',
  },
  attachment_total_limit: {
    vi: 'Tổng dung lượng tệp đính kèm của báo cáo sẽ vượt giới hạn {limit} MB (đã dùng {used} MB); tệp chưa được lưu.',
    en: 'The report’s attachments would exceed their {limit} MB limit ({used} MB used); the file was not saved.',
  },
  upload_rate_limit: {
    vi: 'Bạn đã tải lên {count} tệp ({mb} MB) trong một giờ qua; giới hạn là {limit} tệp và {limitMb} MB mỗi giờ. Hãy thử lại sau {seconds} giây.',
    en: 'You uploaded {count} files ({mb} MB) in the last hour; the limit is {limit} files and {limitMb} MB an hour. Try again in {seconds} seconds.',
  },
  // document reading jobs: the codes of DocumentReaderPool (server/workers), never a library's text
  parse_unreadable: {
    vi: 'Không đọc được tệp này: đây không phải văn bản (DOCX, DOC, PDF, ảnh chụp hoặc tệp chữ).',
    en: 'This file cannot be read: it is not a document (DOCX, DOC, PDF, scan or text).',
  },
  parse_too_many_pages: {
    vi: 'Tệp PDF dài quá {max} trang; hãy tách thành các tệp ngắn hơn.',
    en: 'The PDF has more than {max} pages; split it into shorter files.',
  },
  parse_too_many_scanned_pages: {
    vi: 'Bản quét dài quá {max} trang để nhận dạng chữ; hãy tách thành các tệp ngắn hơn.',
    en: 'The scan has more than {max} pages to recognise; split it into shorter files.',
  },
  parse_page_too_large: {
    vi: 'Trang quét hoặc ảnh quá lớn để nhận dạng chữ (quá {max} triệu điểm ảnh).',
    en: 'A scanned page or image is too large to recognise (over {max} million pixels).',
  },
  parse_text_too_long: {
    vi: 'Văn bản dài quá {max} ký tự; hãy tách thành các văn bản ngắn hơn.',
    en: 'The text is longer than {max} characters; split it into shorter documents.',
  },
  parse_archive_refused: {
    vi: 'Tệp Word bị hỏng, có mật khẩu hoặc khi giải nén lớn quá {max} MB nên không đọc.',
    en: 'The Word file is damaged, password-protected or expands beyond {max} MB, so it was not read.',
  },
  parse_ocr_unavailable: {
    vi: 'Máy chủ chưa cài chương trình cần để đọc loại tệp này (nhận dạng chữ hoặc LibreOffice); hãy báo quản trị viên.',
    en: 'The server lacks the program this kind of file needs (OCR or LibreOffice); tell your administrator.',
  },
  parse_timeout: {
    vi: 'Đọc văn bản quá {seconds} giây nên đã dừng; hãy thử tệp ngắn hơn hoặc dán phần chữ.',
    en: 'Reading took longer than {seconds} seconds and was stopped; try a shorter file or paste the text.',
  },
  parse_out_of_memory: {
    vi: 'Văn bản cần quá nhiều bộ nhớ để đọc nên đã dừng; hãy thử tệp nhỏ hơn.',
    en: 'Reading needed too much memory and was stopped; try a smaller file.',
  },
  parse_failed: {
    vi: 'Không đọc được văn bản này do lỗi khi đọc; hãy thử lại hoặc báo quản trị viên.',
    en: 'This document could not be read because of an error; try again or tell your administrator.',
  },
  parse_interrupted: {
    vi: 'Máy chủ đang đọc văn bản này đã dừng giữa chừng; hãy tải tệp lên lại.',
    en: 'The server reading this document stopped midway; upload the file again.',
  },
  parse_busy: {
    vi: 'Máy chủ đang có nhiều văn bản chờ đọc; hãy thử lại sau ít phút.',
    en: 'The server has many documents waiting to be read; try again in a few minutes.',
  },
  spreadsheet_too_large: {
    vi: 'Tệp có quá {rows} dòng hoặc có ô dài quá {chars} ký tự nên không đọc; hãy kiểm tra lại tệp.',
    en: 'The file has more than {rows} rows or a cell longer than {chars} characters, so it was not read; check the file.',
  },
  spreadsheet_too_heavy: {
    vi: 'Tệp bảng tính quá lớn hoặc quá phức tạp để đọc (quá {seconds} giây hoặc {mb} MB bộ nhớ) nên đã dừng; hãy chia thành các tệp nhỏ hơn.',
    en: 'The spreadsheet is too large or complex to read (over {seconds} seconds or {mb} MB of memory), so reading stopped; split it into smaller files.',
  },
  role_too_high: {
    vi: 'Bạn không thể cấp vai trò cao hơn vai trò của mình.',
    en: 'You cannot grant a role above your own.',
  },
  manager_of_same_level: {
    vi: 'Chỉ cấp trên mới được đổi tài khoản của một cán bộ quản lý cùng cấp hoặc đơn vị của bạn; bạn chỉ quản lý được cán bộ quản lý của các đơn vị cấp dưới.',
    en: 'Only the level above may change the account of a manager of your own unit or level; you manage only managers of the units below yours.',
  },
  current_password_wrong: {
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is wrong.',
  },
  password_unchanged: {
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    en: 'The new password must differ from the current one.',
  },
  too_many_password_attempts: {
    vi: 'Nhập sai mật khẩu hiện tại quá nhiều lần. Hãy thử lại sau {seconds} giây.',
    en: 'Too many wrong current passwords. Try again in {seconds} seconds.',
  },
  api_token_invalid: {
    vi: 'Mã truy cập API không đúng hoặc không tồn tại.',
    en: 'The API token is wrong or does not exist.',
  },
  api_token_expired: {
    vi: 'Mã truy cập API {prefix} đã hết hạn lúc {at}. Hãy tạo mã mới.',
    en: 'The API token {prefix} expired at {at}. Create a new one.',
  },
  api_token_revoked: {
    vi: 'Mã truy cập API {prefix} đã bị thu hồi lúc {at}.',
    en: 'The API token {prefix} was revoked at {at}.',
  },
  api_token_creator_lost_access: {
    vi: 'Người tạo mã truy cập API {prefix} không còn quyền với đơn vị của mã (tài khoản bị khoá, đổi vai trò hoặc đơn vị). Hãy tạo mã mới.',
    en: 'The creator of API token {prefix} can no longer act on its unit (account deactivated, role or unit changed). Create a new one.',
  },
  api_token_scope: {
    vi: 'Mã truy cập API {prefix} không được dùng cho thao tác này (phạm vi của mã: {scopes}; cần: {needed}).',
    en: 'API token {prefix} may not be used for this (its scopes: {scopes}; needed: {needed}).',
  },
  api_token_rate: {
    vi: 'Mã truy cập API {prefix} gửi quá {limit} yêu cầu mỗi phút. Hãy thử lại sau {seconds} giây.',
    en: 'API token {prefix} sent more than {limit} requests a minute. Try again in {seconds} seconds.',
  },
  api_token_already_revoked: {
    vi: 'Mã truy cập API này đã bị thu hồi.',
    en: 'This API token is already revoked.',
  },
} satisfies Catalog;

export type MessageKey = keyof typeof MESSAGES;

/** Names of things and fields that messages mention, in both languages. */
export const NOUNS = {
  unit: { vi: 'đơn vị', en: 'unit' },
  user: { vi: 'người dùng', en: 'user' },
  plan: { vi: 'kế hoạch', en: 'plan' },
  task: { vi: 'nhiệm vụ', en: 'task' },
  document: { vi: 'văn bản', en: 'document' },
  report: { vi: 'báo cáo', en: 'report' },
  period: { vi: 'kỳ báo cáo', en: 'reporting period' },
  schedule: { vi: 'lịch báo cáo', en: 'reporting schedule' },
  form: { vi: 'biểu mẫu', en: 'form' },
  indicator: { vi: 'chỉ số', en: 'indicator' },
  attachment: { vi: 'tệp đính kèm', en: 'attachment' },
  notification: { vi: 'thông báo', en: 'notification' },
  calendar: { vi: 'lịch', en: 'calendar' },
  api_token: { vi: 'mã truy cập API', en: 'API token' },
  invitation: {
    vi: 'lời mời (có thể đã hết hạn hoặc đã dùng)',
    en: 'invitation (it may have expired or been used)',
  },
  parse_job: { vi: 'lượt đọc văn bản', en: 'document reading job' },
  code: { vi: 'Mã đơn vị', en: 'Unit code' },
  // details of a refused DHIS2 code mapping (the `detail` of `exchange_bad_mapping`)
  exchange_total_only: {
    vi: 'chỉ số không phân tổ theo giới tính, chỉ gắn được nhóm "total"',
    en: 'the indicator has no breakdown by sex: only "total" can be mapped',
  },
  exchange_ratio_parts: {
    vi: 'chỉ số tỷ lệ gắn tử số (numerator) và mẫu số (denominator) riêng',
    en: 'a ratio maps its numerator and its denominator separately',
  },
  exchange_value_part: {
    vi: 'chỉ số này chỉ có một số: phần phải là "value"',
    en: 'this indicator has one number: the part must be "value"',
  },
  exchange_adx_pair: {
    vi: 'phân tổ ADX cần cả tên thuộc tính (vd. SEX) và mã lựa chọn (vd. F), hoặc bỏ trống cả hai',
    en: 'an ADX breakdown needs both the attribute (e.g. SEX) and the option (e.g. F), or neither',
  },
  exchange_data_element: { vi: 'phần tử dữ liệu/nhóm', en: 'data element/combo' },
  exchange_org_unit: { vi: 'đơn vị', en: 'unit' },
  // details of a refused plan change (the `detail` of `validation` and `signer_required`)
  plan_already_issued: { vi: 'kế hoạch đã ban hành', en: 'the plan has already been issued' },
  plan_issued_tasks_only: {
    vi: 'kế hoạch đã ban hành; chỉ cập nhật được tiến độ nhiệm vụ',
    en: 'the plan has been issued; only the progress of its tasks can be updated',
  },
  signer_missing: { vi: 'chưa có người ký', en: 'no signer' },
  signer_on_behalf_of_missing: {
    vi: 'ghi rõ ký thay, thay mặt hoặc thừa lệnh ai (ví dụ BAN THƯỜNG VỤ, CHỦ TỊCH)',
    en: 'on whose behalf it is signed (for example BAN THƯỜNG VỤ, CHỦ TỊCH)',
  },
  signer_title_missing: { vi: 'chưa có chức vụ người ký', en: "no signer's title" },
  signer_name_missing: { vi: 'chưa có họ tên người ký', en: "no signer's name" },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  // details of a refused report change (the `detail` of `validation`)
  report_draft: { vi: 'báo cáo đang soạn', en: 'the report is a draft' },
  report_returned: { vi: 'báo cáo đã trả lại', en: 'the report has been returned' },
  report_submitted: { vi: 'báo cáo đã gửi, chờ duyệt', en: 'the report has been sent for review' },
  report_approved: { vi: 'báo cáo đã duyệt và khóa', en: 'the report has been approved and locked' },
  unit_not_expected_to_report: {
    vi: 'đơn vị không thuộc diện báo cáo kỳ này',
    en: 'the unit is not expected to report in this period',
  },
  section_not_in_form: { vi: 'không có phần này trong biểu mẫu', en: 'the form has no such section' },
  unit_required: { vi: 'cần chọn đơn vị', en: 'choose a unit' },
  no_unit_reports_this_period: {
    vi: 'không có đơn vị nào phải báo cáo kỳ này',
    en: 'no unit has to report in this period',
  },
  workbook_without_sheet: { vi: 'tệp không có trang tính', en: 'the file has no worksheet' },
  report_sent_during_import: {
    vi: 'một báo cáo vừa được gửi trong lúc nhập; hãy xem lại',
    en: 'a report was sent while the file was being imported; check it again',
  },
  end_year_before_start: {
    vi: 'năm kết thúc trước năm bắt đầu',
    en: 'the end year is before the start year',
  },
  due_rule_makes_no_period: {
    vi: 'không tạo được kỳ báo cáo từ tần suất và hạn này',
    en: 'no reporting period can be made from this frequency and due date',
  },
  unknown_indicator_in_form: {
    vi: 'có chỉ số không tồn tại',
    en: 'the form names an indicator that does not exist',
  },
  unknown_indicator: { vi: 'không có chỉ số này', en: 'there is no such indicator' },
  nul_character: { vi: 'có ký tự không hợp lệ (NUL)', en: 'it contains an invalid character (NUL)' },
  // rosters, activities and computed indicators (issue 20)
  roster_person: { vi: 'người trong danh sách', en: 'roster person' },
  activity: { vi: 'hoạt động', en: 'activity' },
  roster_template_header: {
    vi: 'không thấy dòng tiêu đề "Họ và tên" của mẫu danh sách cán bộ',
    en: 'the roster template\'s header row ("Họ và tên") is missing',
  },
  attendee_unknown: { vi: 'có người không còn trong danh sách', en: 'someone is no longer on the roster' },
  task_not_in_plan: {
    vi: 'nhiệm vụ không thuộc kế hoạch đã chọn',
    en: 'the task is not part of the chosen plan',
  },
  indicator_not_ratio: {
    vi: 'chỉ tiêu tính tự động phải là tỷ lệ (tử số / mẫu số)',
    en: 'a computed indicator must be a ratio (numerator / denominator)',
  },
  indicator_not_computed: { vi: 'chỉ tiêu này không tính tự động', en: 'this indicator is not computed' },
} satisfies Catalog;

export type NounKey = keyof typeof NOUNS;

/** A parameter written `@noun` is replaced by that noun in the message's language. */
export function nounRef(key: NounKey): string {
  return `@${key}`;
}

export function localeOf(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'vi';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function translate(
  key: MessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  const template = MESSAGES[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(params[name] ?? `{${name}}`);
    const noun = value.startsWith('@') ? NOUNS[value.slice(1) as NounKey] : undefined;
    return noun ? noun[locale] : value;
  });
}
