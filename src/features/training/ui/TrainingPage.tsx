import { useHashRoute } from '../../../renderer/app/useHashRoute';
import { SessionsList } from './SessionsList';
import { SessionEditor } from './SessionEditor';
import { RoomView } from './RoomView';

/** #/training → the sessions; ?id=… → a session's editor; &view=room → the projected room view. */
export default function TrainingPage() {
  const route = useHashRoute();
  const id = route.params.get('id');
  if (!id) return <SessionsList />;
  if (route.params.get('view') === 'room') return <RoomView id={id} />;
  return <SessionEditor id={id} />;
}
