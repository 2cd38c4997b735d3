// Serving the web pages from a fastify app.
export { registerWebPages, type WebPagesOptions } from './register-web-pages.js';
export { webAssetsBuilt, webAssetsDir } from './web-assets.js';
