// The IIFE's entry: esbuild's globalName makes these `window.junction`.
export { authenticate, signOut, showMarketplace, configureInstance, showInstance, showAlerts, on, JunctionError } from "./index";
