/**
 * The products that serve the same stop-all call. The SERP products say
 * batches, the e-commerce ones collections: in the path and in the names
 * of the two counts.
 */
export interface Product {
  /** As people write it, in messages. */
  name: string
  /** The documented base of its Batches or Collections API. */
  baseUrl: string
  /** What it calls a batch, singular and plural. */
  noun: { one: string; many: 'batches' | 'collections' }
}

const BATCH = { one: 'batch', many: 'batches' } as const
const COLLECTION = { one: 'collection', many: 'collections' } as const

export const PRODUCTS: Record<string, Product> = {
  serpwow: {
    name: 'SerpWow',
    baseUrl: 'https://api.serpwow.com/live',
    noun: BATCH
  },
  scaleserp: {
    name: 'Scale SERP',
    baseUrl: 'https://api.scaleserp.com',
    noun: BATCH
  },
  bluecart: {
    name: 'BlueCart',
    baseUrl: 'https://api.bluecartapi.com',
    noun: COLLECTION
  },
  bigbox: {
    name: 'BigBox',
    baseUrl: 'https://api.bigboxapi.com',
    noun: COLLECTION
  },
  backyard: {
    name: 'Backyard',
    baseUrl: 'https://api.backyardapi.com',
    noun: COLLECTION
  }
}

/** The JSON fields that carry the two counts, such as batches_stopped. */
export function countFields(product: Product) {
  const noun = product.noun.many
  return { stopped: `${noun}_stopped`, failed: `${noun}_failed_to_stop` }
}
