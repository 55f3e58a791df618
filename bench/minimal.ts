/**
 * The baseline of the benchmark: the smallest program built as the action
 * is (TypeScript, ncc, the same two libraries) that makes the same single
 * GET and sets an output. It checks nothing and handles no failure.
 */
import * as core from '@actions/core'
import { HttpClient } from '@actions/http-client'

const base = core.getInput('api-url')
const key = encodeURIComponent(core.getInput('api-key'))
const client = new HttpClient('minimal-baseline')
const response = await client.get(`${base}/batches/stopall?api_key=${key}`)
core.setOutput('body', await response.readBody())
