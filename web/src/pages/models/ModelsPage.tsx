import { EmptyState } from '../../components/states';

export default function ModelsPage() {
  return <EmptyState title="Coming soon" />;
}
