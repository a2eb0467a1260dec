import { EmptyState } from '../../components/states';

export default function OptimizationPage() {
  return <EmptyState title="Coming soon" />;
}
