/** A path as a shell word, for the commands this package tells users to run: quoted when it has characters a shell would read. */
export function shellWord(text: string): string {
    return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
