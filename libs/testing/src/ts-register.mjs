// `node --import <this file> some.ts`: runs the TypeScript sources through ts-loader-hooks.mjs.
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
