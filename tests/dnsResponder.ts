/**
 * A small authoritative DNS server on a loopback UDP port, for the unit tests of hostname lookups:
 * it answers A and AAAA questions for the names it is given (NXDOMAIN for others, no data for a
 * known name without that type) and records the questions it got. Real DNS on the wire (messages
 * by `dns-packet`), so the code under test uses Node's own resolver unchanged.
 */
import * as dgram from "dgram";
import * as packet from "dns-packet";

export interface DnsResponder {
    /** `127.0.0.1:<port>`, as a resolver's server list takes it. */
    server: string;
    /** Questions received, as `<name> <type>`. */
    questions: string[];
    close(): Promise<void>;
}

const NXDOMAIN = 3;

/** Starts a server answering `records` (name -> addresses, IPv4 and IPv6 mixed). */
export async function startDnsResponder(records: Record<string, string[]>): Promise<DnsResponder> {
    const socket = dgram.createSocket("udp4");
    const questions: string[] = [];
    socket.on("message", (message, peer) => {
        let query: packet.DecodedPacket;
        try {
            query = packet.decode(message);
        } catch {
            return; // not a DNS message: no answer, as a server drops it
        }
        const question = query.questions?.[0];
        if (!question) return;
        const name = question.name.toLowerCase();
        questions.push(`${name} ${question.type}`);
        const known = Object.prototype.hasOwnProperty.call(records, name);
        const addresses = known ? records[name].filter((address) => address.includes(":") === (question.type === "AAAA")) : [];
        const response = packet.encode({
            type: "response",
            id: query.id,
            flags: packet.AUTHORITATIVE_ANSWER | (known ? 0 : NXDOMAIN),
            questions: [question],
            answers: addresses.map((data) => ({ type: question.type === "AAAA" ? "AAAA" : "A", name: question.name, ttl: 30, data })),
        });
        socket.send(response, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    return {
        server: `127.0.0.1:${socket.address().port}`,
        questions,
        close: () => new Promise((resolve) => socket.close(() => resolve())),
    };
}
