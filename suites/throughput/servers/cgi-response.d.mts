/** Types of cgi-response.mjs. */
export declare function parseCgiResponse(stdout: Buffer): { status: number; headers: [string, string][]; body: Buffer };
