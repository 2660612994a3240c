import net from "node:net";

/** Fails early, with the port's name, when something else already listens there. */
export function assertPortFree(port: number, hostname: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === "EADDRINUSE"
            ? `Port ${port} is already in use (is Junction already running?). Stop that process or set PORT to another port.`
            : `Cannot listen on ${hostname}:${port}: ${err.message}`,
        ),
      );
    });
    srv.listen(port, hostname, () => srv.close(() => resolve()));
  });
}
