export const ROUTES = {
  login: '/dang-nhap',
  organisation: '/to-chuc',
  users: '/nguoi-dung',
} as const;
