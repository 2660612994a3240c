// Runs s3rver in its own process: node --openssl-legacy-provider s3rver-process.cjs <dir> [bucket…]
// (s3rver's ListObjectsV2 continuation tokens use DES, which Node 20's OpenSSL 3 only has in the
// legacy provider). Prints {"port":…} once listening; stops on SIGTERM.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script run by node directly
const S3rver = require("s3rver");

const [directory, ...buckets] = process.argv.slice(2);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
server.run().then(
  ({ port }) => process.stdout.write(JSON.stringify({ port }) + "\n"),
  (err) => {
    process.stderr.write(String(err && err.stack) + "\n");
    process.exit(1);
  },
);
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
