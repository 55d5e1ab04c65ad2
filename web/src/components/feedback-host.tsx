import { Modal, message } from 'antd';
import { useEffect } from 'react';
import { registerFeedbackHost } from './feedback.tsx';

/** antd's message and modal hooks with their context holders (components/feedback.tsx loads this). */
export default function FeedbackHost() {
  const [messageApi, messageHolder] = message.useMessage();
  const [modalApi, modalHolder] = Modal.useModal();
  useEffect(() => {
    registerFeedbackHost({
      message: {
        success: (content, seconds) => void messageApi.success(content, seconds),
        error: (content, seconds) => void messageApi.error(content, seconds),
        warning: (content, seconds) => void messageApi.warning(content, seconds),
        info: (content, seconds) => void messageApi.info(content, seconds),
      },
      modal: { confirm: (props) => void modalApi.confirm(props) },
    });
    return () => registerFeedbackHost(null);
  }, [messageApi, modalApi]);
  return (
    <>
      {messageHolder}
      {modalHolder}
    </>
  );
}
