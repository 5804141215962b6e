import { defineMessages } from '../../native/api/index.js';

/** What `lantai app` (the desktop app in the system's Chromium or Edge) says to the person. */
export const browserAppMessages = defineMessages({
  opened: { zh: '兰台已在 {browser} 中打开（进程 {pid}）。关闭该窗口即退出。', en: 'Lantai is open in {browser} (process {pid}). Close its window to quit.' },
  closed: { zh: '窗口已关闭，兰台已退出。', en: 'The window was closed; Lantai has quit.' },
  noBrowser: { zh: '找不到 Chromium、Chrome 或 Edge。请安装其中之一（Debian/UOS/麒麟：apt install chromium），或用 --browser 路径 或环境变量 LANTAI_BROWSER 指定浏览器程序。', en: 'No Chromium, Chrome or Edge found. Install one (Debian/UOS/Kylin: apt install chromium), or name the browser program with --browser PATH or the LANTAI_BROWSER environment variable.' },
  browserFailed: { zh: '无法启动浏览器 {browser}：{reason}', en: 'Could not start the browser {browser}: {reason}' },
  noRenderer: { zh: '找不到界面文件 {dir}。请先运行 npm run build。', en: 'The UI files are missing ({dir}). Run npm run build first.' },
  profileLeft: { zh: '浏览器的临时配置目录 {dir} 未能删除（{reason}），请手动删除。', en: 'The browser\'s temporary profile {dir} could not be removed ({reason}); remove it by hand.' },
  buildingRenderer: { zh: '正在构建界面文件……', en: 'Building the UI files…' },
  serverGone: { zh: '与兰台的连接已断开（程序已退出）。请关闭此窗口，再重新打开兰台。', en: 'The connection to Lantai was lost (the program has quit). Close this window and start Lantai again.' },
  noElectron: {
    zh: '本机没有 Electron 程序（离线电脑无法下载）：改用系统的 Chromium/Edge 打开同一界面。要用 Electron，请安装兰台安装包，或把已有的 Electron 解压后设置 ELECTRON_OVERRIDE_DIST_PATH=该目录。',
    en: 'Electron is not on this computer (an offline PC cannot download it): opening the same app in the system\'s Chromium/Edge instead. For Electron, install Lantai from its installer, or unpack an Electron release and set ELECTRON_OVERRIDE_DIST_PATH to its folder.',
  },
});
