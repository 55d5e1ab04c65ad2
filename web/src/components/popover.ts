// The default export React.lazy needs, for the notifications bell's popover (loaded on first open).
export { Popover as default } from 'antd';
