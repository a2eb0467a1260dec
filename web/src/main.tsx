import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { SessionGate } from './auth/SessionGate';
import { LiveFeedProvider } from './live/LiveFeedProvider';
import { ToastProvider } from './components/Toasts';
import { ApiError } from './api/client';
import './styles/app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // a 4xx will not get better by asking again; a network failure might
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* navigations apply at once: as transitions they waited behind the live updates' renders */}
      <BrowserRouter useTransitions={false}>
        <ToastProvider>
          <SessionGate>
            <LiveFeedProvider>
              <App />
            </LiveFeedProvider>
          </SessionGate>
        </ToastProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
