// Parsing a CGI/WAGI response (headers, blank line, body) from a handler
// process's stdout. Hosts may append guest-protocol lines ("@wb key value")
// after the guest's own output; Content-Length, when present, bounds the body.

const PROTOCOL_LINE = /^@wb [^\n]*(\n|$)/gm;
// A host's lines come after the guest's output, which may not end with a
// newline (a body printed without one): then the first is glued to the body.
const TRAILING_HOST_LINES = /(?:@wb [a-z][a-z0-9_]* -?\d+(?:\n|$))+$/;

/** -> { status, headers: [[name, value]], body: Buffer } or throws with what is wrong. */
export function parseCgiResponse(stdout) {
  let split = stdout.indexOf('\n\n');
  let sepLength = 2;
  const crlf = stdout.indexOf('\r\n\r\n');
  if (crlf !== -1 && (split === -1 || crlf < split)) {
    split = crlf;
    sepLength = 4;
  }
  if (split === -1) throw new Error('no blank line between CGI headers and body');
  const head = stdout.subarray(0, split).toString('latin1');
  let body = stdout.subarray(split + sepLength);
  let status = 200;
  const headers = [];
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed CGI header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers.push([name, value]);
  }
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new Error(`bad CGI Status header in ${JSON.stringify(head)}`);
  const length = headers.find(([n]) => n.toLowerCase() === 'content-length');
  if (length) {
    const n = Number(length[1]);
    if (!Number.isInteger(n) || n > body.length)
      throw new Error(`Content-Length ${length[1]} but only ${body.length} body bytes`);
    body = body.subarray(0, n);
  } else {
    body = Buffer.from(body.toString('latin1').replace(PROTOCOL_LINE, '').replace(TRAILING_HOST_LINES, ''), 'latin1');
  }
  return { status, headers, body };
}
