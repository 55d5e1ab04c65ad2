// The default export React.lazy needs, for components/lazy-overlay.tsx.
export { Drawer as default } from 'antd';
