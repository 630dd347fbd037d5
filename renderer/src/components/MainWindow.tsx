/** The signed-in window: header, sidebar, the Session Requests table, the details panel, dialogs. */
import { DetailsPanel } from '../details/DetailsPanel';
import { Dialogs } from '../dialogs/Dialogs';
import { useShortcuts } from '../hooks/useShortcuts';
import { useApp } from '../store/context';
import { RequestsTable } from '../table/RequestsTable';
import { TableToolbar } from '../table/TableToolbar';
import { Header } from './Header';
import { Sidebar } from './Sidebar';

export function MainWindow() {
  useShortcuts();
  const detailsOpen = useApp((s) => s.detailsId !== null);
  return (
    <div className={`app-shell${detailsOpen ? ' with-details' : ''}`}>
      <Header />
      <Sidebar />
      <main className="content" aria-labelledby="requests-heading">
        <TableToolbar />
        <RequestsTable />
      </main>
      {detailsOpen ? <DetailsPanel /> : null}
      <Dialogs />
    </div>
  );
}
