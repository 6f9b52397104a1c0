/**
 * The signer's private key lives in this browser profile's IndexedDB as a non-extractable CryptoKey
 * (structured-cloned, never serialised to bytes): the platform never sees it, and losing the
 * profile means enrolling a new key.
 */
export interface StoredSigningKey {
  /** One key per signer and organisation: `<userId>|<organisationId>`. */
  id: string;
  userId: string;
  organisationId: string;
  keyId: string;
  publicKey: string;
  privateKey: CryptoKey;
  createdAt: string;
  /** Set once the api has enrolled the public key. */
  enrolledAt: string | null;
}

export const keyDatabaseName = 'mitra-signing';
export const keyStoreName = 'keys';

export const storedKeyId = (userId: string, organisationId: string) => `${userId}|${organisationId}`;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(keyDatabaseName, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(keyStoreName, { keyPath: 'id' });
  return promised(request);
}

async function withStore<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
  factory: IDBFactory,
): Promise<T> {
  const database = await openDatabase(factory);
  try {
    const transaction = database.transaction(keyStoreName, mode);
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
    const [result] = await Promise.all([promised(run(transaction.objectStore(keyStoreName))), committed]);
    return result;
  } finally {
    database.close();
  }
}

export async function loadSigningKey(
  userId: string,
  organisationId: string,
  factory: IDBFactory = globalThis.indexedDB,
): Promise<StoredSigningKey | undefined> {
  const found = await withStore<StoredSigningKey | undefined>(
    'readonly',
    (store) => store.get(storedKeyId(userId, organisationId)),
    factory,
  );
  return found ?? undefined;
}

export async function saveSigningKey(
  key: StoredSigningKey,
  factory: IDBFactory = globalThis.indexedDB,
): Promise<void> {
  await withStore('readwrite', (store) => store.put(key), factory);
}
