/** Types of handler.mjs (plain JavaScript so server processes need no TypeScript loader). */
export declare const SAMPLE_BODY: string;
export declare const MAX_ROUNDS: number;
export declare const MAX_BODY_BYTES: number;
export declare function sha256(bytes: Uint8Array, digest?: Uint8Array): Uint8Array;
export declare function handle(body: Uint8Array, rounds: number): string;
