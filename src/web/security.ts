import helmet from 'helmet';

/**
 * Strict headers: no inline scripts or styles, nothing from other origins,
 * no framing. Pages only ever load /public assets from this app.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only makes sense behind HTTPS; helmet sends it regardless, and
    // browsers ignore it over plain HTTP, so leaving it on is harmless.
    crossOriginEmbedderPolicy: false,
  });
}
