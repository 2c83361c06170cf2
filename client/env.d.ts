// Module declarations for what Vite resolves at build time: `?url` imports give an asset URL.
declare module '*?url' {
  const url: string;
  export default url;
}
