import type { Product } from './products.js'

/** What an HTTP status means to the user, and what they can do. */
export interface StatusWords {
  what: string
  advice: string
}

/** The words for a status other than 2xx and 3xx. */
export function wordsForStatus(status: number, product: Product): StatusWords {
  const { name } = product
  const api =
    product.noun.many === 'batches' ? 'Batches API' : 'Collections API'
  const laterAdvice =
    `Check ${name}'s status page` + ' and run the action again later.'
  switch (status) {
    case 400:
      return {
        what: `${name} rejected the request as malformed`,
        advice: `Check api-url: it must be the base of the ${api}.`
      }
    case 401:
      return {
        what: `${name} rejected the API key`,
        advice:
          'Check that the secret passed as api-key holds the key shown in' +
          ` your ${name} dashboard, and that the step can read the secret.`
      }
    case 402:
      return {
        what:
          `${name} refused the call: the account is out of credits or has` +
          ' a payment problem',
        advice: `Check the plan and billing of the account in ${name}.`
      }
    case 403:
      return {
        what: `${name} refused access to the ${api}`,
        advice: `Check that the key and its plan may use the ${api}.`
      }
    case 404:
      return {
        what: 'Nothing answers at the API address',
        advice:
          `Check api-url (and api): it must be the base of the ${api},` +
          ` such as ${product.baseUrl}, without /${product.noun.many}.`
      }
    case 408:
      return {
        what: 'The server timed out waiting for the request',
        advice: laterAdvice
      }
    case 429:
      return {
        what: `${name} rate limited the call`,
        advice:
          'Wait a minute and run the action again; if this keeps' +
          ' happening, fewer calls to the API at once will help.'
      }
    case 500:
    case 502:
    case 503:
    case 504:
      return { what: `${name} had a server problem`, advice: laterAdvice }
    default:
      return {
        what: `${name} refused the request`,
        advice:
          status >= 500
            ? laterAdvice
            : 'Check the inputs of this step against the README.'
      }
  }
}
