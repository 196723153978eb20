export * from './context';
export * from './data';
export { renderEmail, renderNotice, renderSms, STOP_LINE } from './render';
export { longDate, longDateTime, shortDateTime } from './format';
