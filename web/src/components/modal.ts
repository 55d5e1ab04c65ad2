// The default export React.lazy needs, for components/lazy-overlay.tsx.
export { Modal as default } from 'antd';
