import { Loading } from "../components/loading.tsx";
import { AuthProvider } from "../lib/auth.tsx";
import { AppRouter } from "../lib/router.tsx";
import { routes } from "./router.tsx";

export function App() {
  return (
    <AuthProvider>
      {/* The fallback shows while the page of a first visit to an address loads (lazyPage). */}
      <AppRouter routes={routes} fallback={<Loading label="Loading Green Tape" />} />
    </AuthProvider>
  );
}
