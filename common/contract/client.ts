import { AppError } from '../errors';
import type { ChannelName, ReplyOf, RequestOf, StarringBridge } from './index';

type Namespace = ChannelName extends `${infer NS}.${string}` ? NS : never;

/** `api.documents.list({...})` instead of `bridge.invoke('documents.list', {...})`, typed from the contract. */
export type Client = {
  [NS in Namespace]: {
    [K in ChannelName as K extends `${NS}.${infer M}` ? M : never]: (
      request: RequestOf<K>,
    ) => Promise<ReplyOf<K>>;
  };
};

/** Wraps a bridge so failures surface as thrown `AppError`s, which suits React's async code. */
export function createClient(bridge: StarringBridge): Client {
  return new Proxy({} as Client, {
    get(_target, ns) {
      if (typeof ns !== 'string') return undefined;
      return new Proxy(
        {},
        {
          get(_t, method) {
            if (typeof method !== 'string') return undefined;
            return async (request: unknown) => {
              const result = await bridge.invoke(`${ns}.${method}` as ChannelName, request as never);
              if (!result.ok) {
                throw new AppError(result.error.code, result.error.message, {
                  ...(result.error.field !== undefined && { field: result.error.field }),
                  ...(result.error.details !== undefined && { details: result.error.details }),
                });
              }
              return result.value;
            };
          },
        },
      );
    },
  });
}
