import { EmptyState } from '../../components/states';

export default function QueriesPage() {
  return <EmptyState title="Coming soon" />;
}
