// The project has no @types/node-forge (and may not add dependencies), so this declares the
// small part of node-forge 1.x that native/crypto uses: certificate building and PKCS#7
// signing. Everything else (parsing, verification) is done with node:crypto and der.ts.
declare module 'node-forge' {
  namespace forge {
    interface ByteStringBuffer {
      getBytes(): string;
      bytes(): string;
      length(): number;
    }
    interface MessageDigest {
      algorithm: string;
      update(bytes: string, encoding?: 'raw' | 'utf8'): MessageDigest;
      digest(): ByteStringBuffer;
    }
    /** What forge calls to sign: cert.sign(key, md) and PKCS#7 signers call key.sign(md). */
    interface Signer {
      sign(md: MessageDigest, scheme?: string): string;
    }
    interface Asn1 {
      tagClass: number;
      type: number;
      constructed: boolean;
      value: string | Asn1[];
    }
    interface CertificateField {
      name?: string;
      shortName?: string;
      type?: string;
      value: string;
      valueTagClass?: number;
    }
    interface Certificate {
      serialNumber: string;
      validity: { notBefore: Date; notAfter: Date };
      publicKey: unknown;
      issuer: { attributes: CertificateField[] };
      subject: { attributes: CertificateField[] };
      setSubject(attrs: CertificateField[]): void;
      setIssuer(attrs: CertificateField[]): void;
      setExtensions(exts: Array<Record<string, unknown>>): void;
      sign(key: Signer, md: MessageDigest): void;
    }
    interface PkcsAttribute {
      type: string;
      value?: string | Date;
    }
    interface SignedData {
      content?: ByteStringBuffer;
      addCertificate(cert: Certificate): void;
      addSigner(signer: {
        key: Signer;
        certificate: Certificate;
        digestAlgorithm: string;
        authenticatedAttributes: PkcsAttribute[];
      }): void;
      sign(options?: { detached?: boolean }): void;
      toAsn1(): Asn1;
    }
    const pki: {
      oids: Record<string, string>;
      createCertificate(): Certificate;
      publicKeyFromPem(pem: string): unknown;
      certificateToAsn1(cert: Certificate): Asn1;
      certificateFromAsn1(obj: Asn1): Certificate;
    };
    const asn1: {
      Type: { UTF8: number; PRINTABLESTRING: number };
      toDer(obj: Asn1): ByteStringBuffer;
      fromDer(bytes: string): Asn1;
    };
    const md: { sha256: { create(): MessageDigest } };
    const pkcs7: { createSignedData(): SignedData };
    const util: { createBuffer(bytes?: string, encoding?: 'raw' | 'utf8'): ByteStringBuffer };
  }
  export = forge;
}
