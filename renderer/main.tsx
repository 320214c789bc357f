import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import './i18n';
import { App } from './App';
import { SessionProvider } from './session';
import { NotifyProvider } from './components/Notify';

const theme = createTheme({
  palette: { primary: { main: '#00695c' }, secondary: { main: '#5c6bc0' } },
  shape: { borderRadius: 6 },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotifyProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </NotifyProvider>
    </ThemeProvider>
  </StrictMode>,
);
