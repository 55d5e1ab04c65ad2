export const ROUTES = {
  home: '/',
  login: '/dang-nhap',
  setup: '/thiet-lap',
  invitation: '/moi',
  organisation: '/to-chuc',
  users: '/nguoi-dung',
  audit: '/nhat-ky',
  documents: '/van-ban',
  documentRead: '/van-ban/doc-moi',
  plans: '/ke-hoach',
  taskBoard: '/bang-cong-viec',
  myReports: '/bao-cao',
  reviewQueue: '/duyet-bao-cao',
  reportingStatus: '/tinh-hinh-bao-cao',
  dashboard: '/bang-dieu-khien',
  consolidated: '/bao-cao-tong-hop',
  guide: '/huong-dan',
  rosters: '/danh-sach-can-bo',
  activities: '/hoat-dong',
  exchange: '/trao-doi-dhis2',
  indicators: '/chi-so',
} as const;

export const documentPath = (id: number): string => `${ROUTES.documents}/${id}`;
export const planPath = (id: number): string => `${ROUTES.plans}/${id}`;
export const planEditPath = (id: number): string => `${ROUTES.plans}/${id}/sua`;
export const reportPath = (id: number): string => `${ROUTES.myReports}/${id}`;
export const planReportsPath = (planId: number): string => `${ROUTES.plans}/${planId}/bao-cao`;
export const planDashboardPath = (planId: number): string => `${ROUTES.dashboard}?ke-hoach=${planId}`;
export const rostersPath = (unitId: number): string => `${ROUTES.rosters}?don-vi=${unitId}`;
export const activitiesPath = (unitId: number): string => `${ROUTES.activities}?don-vi=${unitId}`;
