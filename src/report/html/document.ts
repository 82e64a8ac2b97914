/**
 * The frame every HTML page of srp shares: one self-contained file, no script and no request (the
 * Content-Security-Policy allows inline style and data: images only).
 */
import { htmlText } from '../safe.js';

/** Text already made visible (or written by srp), for HTML: escaped, never clipped (a sentence of srp's is kept whole). */
export const escape = (text: string) => htmlText(text, Infinity);

export const htmlDocument = (title: string, css: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${css}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
