import type { ThemeConfig } from 'antd';

/** Deep union red, calm neutrals, dense tables. */
export const PRIMARY_COLOR = '#a61d24';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY_COLOR,
    colorLink: '#8f1d21',
    colorInfo: '#1f5f8b',
    // antd's default #ff4d4f has 3.3:1 contrast on white; this red passes WCAG AA.
    colorError: '#c62828',
    colorWarning: '#ad4e00',
    colorSuccess: '#2e7d32',
    borderRadius: 6,
    fontFamily: "'Be Vietnam Pro', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    fontSize: 14,
    colorBgLayout: '#f4f5f7',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
    Menu: { itemSelectedBg: '#fbeaea', itemSelectedColor: '#8f1d21' },
    // A table's "nothing here" line is information, not a disabled control: readable (axe, 4.5:1).
    Table: {
      cellPaddingBlockSM: 6,
      cellPaddingInlineSM: 8,
      headerBg: '#f7f7f8',
      colorTextDisabled: '#595959',
    },
    Tree: { titleHeight: 30 },
  },
};
