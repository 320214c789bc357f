// The UI areas' namespaces, registered with i18next next to the common catalog.
import { bookStrings } from '../pages/book/i18n';
import { deskStrings } from '../pages/desk/i18n';
import { adminStrings } from '../pages/admin/i18n';
import { reportsStrings } from '../pages/reports/i18n';
import { tasksStrings } from '../pages/tasks/i18n';
import { messagesStrings } from '../pages/messages/i18n';
import { campaignsStrings } from '../pages/campaigns/i18n';

export const NAMESPACES = {
  book: bookStrings,
  desk: deskStrings,
  admin: adminStrings,
  reports: reportsStrings,
  tasks: tasksStrings,
  messages: messagesStrings,
  campaigns: campaignsStrings,
};
