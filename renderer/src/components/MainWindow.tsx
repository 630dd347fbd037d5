/**
 * The signed-in window: header, sidebar, and in the main area the Session Requests table with its
 * details panel — or, for an admin who chose Administration in the sidebar, the admin screens; or the
 * Reports — and the dialogs.
 */
import { lazy, Suspense } from 'react';
import { ADMIN_HEADING_ID, AdminScreen } from '../admin/AdminScreen';
import { DetailsPanel } from '../details/DetailsPanel';
import { Dialogs } from '../dialogs/Dialogs';
import { useShortcuts } from '../hooks/useShortcuts';
import { useApp } from '../store/context';
import { RequestsTable } from '../table/RequestsTable';
import { TableToolbar } from '../table/TableToolbar';
import { Header } from './Header';
import { Sidebar } from './Sidebar';

/** The heading that names the main area while Reports show (reports/ReportsScreen.tsx). */
const REPORTS_HEADING_ID = 'reports-heading';
// Loaded when first opened: the charting library is not part of the window's start.
const ReportsScreen = lazy(() =>
  import('../reports/ReportsScreen').then((module) => ({ default: module.ReportsScreen })),
);

export function MainWindow() {
  useShortcuts();
  // Only an admin sees the admin screens (one whose admin role was just taken away goes back to requests).
  const admin = useApp((s) => s.screen === 'admin' && (s.account?.agent.roles.includes('admin') ?? false));
  const reports = useApp((s) => s.screen === 'reports');
  const detailsOpen = useApp((s) => s.detailsId !== null) && !admin && !reports;
  return (
    <div className={`app-shell${detailsOpen ? ' with-details' : ''}`}>
      <Header />
      <Sidebar />
      {admin ? (
        <main className="content admin-content" aria-labelledby={ADMIN_HEADING_ID}>
          <AdminScreen />
        </main>
      ) : reports ? (
        <main className="content admin-content" aria-labelledby={REPORTS_HEADING_ID}>
          <Suspense fallback={null}>
            <ReportsScreen />
          </Suspense>
        </main>
      ) : (
        <main className="content" aria-labelledby="requests-heading">
          <TableToolbar />
          <RequestsTable />
        </main>
      )}
      {detailsOpen ? <DetailsPanel /> : null}
      <Dialogs />
    </div>
  );
}
