/** Types of server-args.mjs (the parts TypeScript code uses). */
export declare function isLoopback(host: string): boolean;
