/**
 * SFTP: files on an SFTP server. The `connection` credential holds the server and the sign-in:
 *   { host, port? (22), username, password }  or  { host, port?, username, privateKey, passphrase? }
 *   plus optionally hostKeySha256 to pin the server's host key.
 */
import { minimatch } from "minimatch";
import { action, component, input, type Credential, type SftpConnection } from "../../../sdk";

const connection = input({
  label: "Connection",
  type: "credential",
  required: true,
  description: "{ host, port?, username, password } or { host, port?, username, privateKey, passphrase? }",
  clean: (v) => {
    const c = v as Credential;
    if (typeof c !== "object" || c === null || Array.isArray(c)) throw new Error("expected an SFTP credential");
    if (typeof c.host !== "string" || typeof c.username !== "string") throw new Error("the SFTP credential needs host and username");
    return c as unknown as SftpConnection;
  },
});
const path = input({ label: "Path", type: "string", required: true });

export default component({
  key: "sftp",
  label: "SFTP",
  description: "List, read, write, move and delete files on an SFTP server",
  category: "Files",
  actions: {
    listDirectory: action({
      label: "List Directory",
      description: "Entries of a folder: { name, path, size, modifiedAt, isDirectory }",
      inputs: {
        connection,
        path,
        pattern: input({ label: "Pattern", type: "string", description: 'Glob on the entry name, e.g. "*.csv"' }),
      },
      perform: async ({ sftp }, i) => {
        const entries = await sftp.list(i.connection, i.path);
        const matching = i.pattern ? entries.filter((e) => minimatch(e.name, i.pattern!, { dot: true })) : entries;
        return { data: matching.sort((a, b) => a.name.localeCompare(b.name)) };
      },
    }),
    readFile: action({
      label: "Read File",
      description: "The file's bytes",
      inputs: { connection, path },
      perform: async ({ sftp }, i) => ({ data: await sftp.read(i.connection, i.path), contentType: "application/octet-stream" }),
    }),
    writeFile: action({
      label: "Write File",
      description: "Creates or replaces the file",
      inputs: { connection, path, content: input({ label: "Content", type: "file", required: true, description: "Bytes or text" }) },
      perform: async ({ sftp }, i) => ({ data: await sftp.write(i.connection, i.path, i.content) }),
    }),
    deleteFile: action({
      label: "Delete File",
      inputs: { connection, path },
      perform: async ({ sftp }, i) => {
        await sftp.delete(i.connection, i.path);
        return { data: { path: i.path } };
      },
    }),
    moveFile: action({
      label: "Move File",
      description: "Moves or renames a file",
      inputs: {
        connection,
        from: input({ label: "From", type: "string", required: true }),
        to: input({ label: "To", type: "string", required: true }),
      },
      perform: async ({ sftp }, i) => {
        await sftp.rename(i.connection, i.from, i.to);
        return { data: { from: i.from, to: i.to } };
      },
    }),
    stat: action({
      label: "File Info",
      description: "{ name, path, size, modifiedAt, isDirectory } of one path",
      inputs: { connection, path },
      perform: async ({ sftp }, i) => ({ data: await sftp.stat(i.connection, i.path) }),
    }),
  },
});
