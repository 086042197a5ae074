/**
 * Asks a DNS server one question over UDP and reads the whole answer section (messages by
 * `dns-packet`), so a test sees the CNAME chain a server returns, not only the addresses at its
 * end: what `dig +noall +answer` shows.
 */
import * as dgram from "dgram";
import * as packet from "dns-packet";

/** One answer record, as the server sent it. */
export interface AnswerRecord {
    name: string;
    type: string;
    ttl: number;
    /** An address, or the name a CNAME points to. */
    data: string;
}

/** The answer to an A question: the response code, and the records in the order sent. */
export interface DnsAnswer {
    rcode: string;
    answers: AnswerRecord[];
}

let nextId = 1;

/** Sends `name`'s A question to `server` (`host:port`) and waits up to `timeoutMs` for the answer. */
export function queryA(server: string, name: string, timeoutMs = 5_000): Promise<DnsAnswer> {
    const [host, port] = server.split(":");
    const id = (nextId = (nextId % 65535) + 1);
    const socket = dgram.createSocket("udp4");
    return new Promise<DnsAnswer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer from ${server} for ${name} within ${timeoutMs} ms`)), timeoutMs);
        socket.on("error", reject);
        socket.on("message", (message) => {
            let response: packet.DecodedPacket;
            try {
                response = packet.decode(message);
            } catch {
                return; // not a DNS message: keep waiting for the answer
            }
            if (response.id !== id) return;
            clearTimeout(timer);
            resolve({
                // dns-packet decodes the response code (not in its type declarations).
                rcode: (response as { rcode?: string }).rcode ?? "NOERROR",
                answers: (response.answers ?? []).map((record) => ({
                    name: record.name,
                    type: record.type,
                    ttl: (record as { ttl?: number }).ttl ?? 0,
                    data: String((record as { data?: unknown }).data),
                })),
            });
        });
        socket.send(packet.encode({ type: "query", id, flags: packet.RECURSION_DESIRED, questions: [{ type: "A", name }] }), Number(port), host);
    }).finally(() => socket.close());
}
