/** Whichever dialog the store says is open. */
import { useApp } from '../store/context';
import { ColumnsDialog } from './ColumnsDialog';
import { CloseRequestDialog } from './CloseRequestDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { CreateRequestDialog } from './CreateRequestDialog';
import { JoinDialog } from './JoinDialog';
import { LeaveDialog } from './LeaveDialog';
import { PickerDialog } from './PickerDialog';
import { PinDialog } from './PinDialog';
import { SettingsDialog } from './SettingsDialog';
import { SignOutDialog } from './SignOutDialog';
import { RecoveryCodesDialog } from '../two-factor/RecoveryCodesDialog';
import { TwoFactorDialog } from '../two-factor/TwoFactorDialog';

export function Dialogs() {
  const dialog = useApp((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create':
      return <CreateRequestDialog />;
    case 'pin':
      return <PinDialog rowId={dialog.rowId} />;
    case 'confirm':
      return <ConfirmDialog rowId={dialog.rowId} action={dialog.action} />;
    case 'closeRequest':
      return <CloseRequestDialog rowId={dialog.rowId} />;
    case 'assign':
    case 'transfer':
    case 'invite':
      return <PickerDialog rowId={dialog.rowId} kind={dialog.kind} />;
    case 'leave':
      return <LeaveDialog rowId={dialog.rowId} />;
    case 'settings':
      return <SettingsDialog />;
    case 'columns':
      return <ColumnsDialog />;
    case 'join':
      return <JoinDialog code={dialog.code} />;
    case 'signOut':
      return <SignOutDialog message={dialog.message} />;
    case 'twoFactor':
      return <TwoFactorDialog />;
    case 'recoveryCodes':
      return <RecoveryCodesDialog codes={dialog.codes} />;
  }
}
