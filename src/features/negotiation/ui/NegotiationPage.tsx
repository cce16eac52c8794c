import { useHashRoute } from '../../../renderer/app/useHashRoute';
import { PrintView } from './PrintView';
import { WorksheetEditor } from './WorksheetEditor';
import { WorksheetList } from './WorksheetList';

// The negotiation area (docs/en/negotiation.md): #/negotiation lists worksheets, ?id=… edits one,
// ?id=…&print=1 shows it ready to print.
export default function NegotiationPage() {
  const route = useHashRoute();
  const id = route.params.get('id');
  if (id && route.params.get('print') === '1') return <PrintView key={id} id={id} />;
  if (id) return <WorksheetEditor key={id} id={id} />;
  return <WorksheetList />;
}
