/** The primitives every part of the results schema is built from. */
import { z } from 'zod';

// zod 4's number rejects NaN and ±Infinity, so every figure in the schema is finite.
export const count = z.number().int().min(0);
export const text = z.string();
