import { defineMessages } from '../../native/api/index.js';

export const shellMessages = defineMessages({
  unknownChannel: { zh: '未知的请求：{channel}。', en: 'Unknown request: {channel}.' },
  badRequest: { zh: '请求参数有误：{field}。', en: 'Bad request field: {field}.' },
  noVault: { zh: '尚未打开档案库。请先打开或新建档案库。', en: 'No vault is open. Open or create a vault first.' },
  notLoggedIn: { zh: '尚未登录，或登录已失效。请重新登录。', en: 'Not logged in, or the session has ended. Please log in again.' },
  setupFirst: { zh: '此档案库尚未初始化，请先创建三员账户。', en: 'This vault is not set up yet: create the three administrator accounts first.' },
  restoreRunning: { zh: '已有一个恢复正在进行，请等它结束或取消后再试。', en: 'A restore is already running: wait for it to end, or cancel it, then try again.' },
  noTask: { zh: '找不到任务 {taskId}。', en: 'No task {taskId}.' },
});
