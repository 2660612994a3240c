/** SigV4 against AWS's published examples, and the XML reader. */
import { describe, expect, test } from "vitest";
import { hostCrypto } from "../../sandbox/host/host-crypto";
import { locate } from "./src/s3-client";
import { readS3Connection } from "./src/read-connection";
import { canonicalRequest, EMPTY_SHA256, presignQuery, signRequest, type SigningCrypto } from "./src/sigv4";
import { parseXml, childText, childrenNamed } from "./src/xml";

// the same host functions `context.crypto` calls in the sandbox
const crypto: SigningCrypto = {
  hmac: (a, k, d) => hostCrypto("hmac", [a, k, d]) as Uint8Array,
  hash: (a, d) => hostCrypto("hash", [a, d]) as Uint8Array,
};

describe("AWS Signature Version 4", () => {
  test('the "get-vanilla" example of AWS\'s SigV4 test suite', () => {
    const scope = {
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
      region: "us-east-1",
      service: "service",
      now: new Date("2015-08-30T12:36:00Z"),
    };
    const req = { method: "GET", host: "example.amazonaws.com", path: "/", query: [] as [string, string][], headers: {} };
    const headers = signRequest(crypto, req, EMPTY_SHA256, scope);
    expect(canonicalRequest({ ...req, headers: { "x-amz-date": "20150830T123600Z" } }, EMPTY_SHA256).text).toBe(
      "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EMPTY_SHA256,
    );
    expect(headers).toEqual({
      "x-amz-date": "20150830T123600Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    });
  });

  const s3Docs = {
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    region: "us-east-1",
    service: "s3",
    now: new Date("2013-05-24T00:00:00Z"),
  };

  test("the S3 docs' GET Object example (header auth, virtual-hosted, range)", () => {
    const headers = signRequest(
      crypto,
      {
        method: "GET",
        host: "examplebucket.s3.amazonaws.com",
        path: "/test.txt",
        query: [],
        headers: { range: "bytes=0-9", "x-amz-content-sha256": EMPTY_SHA256 },
      },
      EMPTY_SHA256,
      s3Docs,
    );
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  test("the S3 docs' presigned URL example (query auth, 86400 seconds)", () => {
    const query = presignQuery(
      crypto,
      { method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt", query: [] },
      s3Docs,
      86400,
    );
    expect(query).toBe(
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
        "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });

  test("a session token is sent and signed; a wrong secret gives another signature", () => {
    const req = { method: "GET", host: "example.amazonaws.com", path: "/", query: [] as [string, string][], headers: {} };
    const withToken = signRequest(crypto, req, EMPTY_SHA256, { ...s3Docs, credentials: { ...s3Docs.credentials, sessionToken: "tok" } });
    expect(withToken["x-amz-security-token"]).toBe("tok");
    expect(withToken.authorization).toContain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
    const other = signRequest(crypto, req, EMPTY_SHA256, { ...s3Docs, credentials: { ...s3Docs.credentials, secretAccessKey: "x" } });
    expect(other.authorization).not.toBe(signRequest(crypto, req, EMPTY_SHA256, s3Docs).authorization);
  });
});

describe("addressing", () => {
  const base = { accessKeyId: "A", secretAccessKey: "S" };
  test("virtual-hosted on AWS, path-style when forced, for dotted buckets and with an endpoint", () => {
    expect(locate(readS3Connection({ ...base, region: "eu-west-1" }), "my-bucket", "a b/ü+.txt")).toEqual({
      protocol: "https",
      host: "my-bucket.s3.eu-west-1.amazonaws.com",
      path: "/a%20b/%C3%BC%2B.txt",
    });
    expect(locate(readS3Connection({ ...base, forcePathStyle: true }), "my-bucket", "k")).toEqual({
      protocol: "https",
      host: "s3.us-east-1.amazonaws.com",
      path: "/my-bucket/k",
    });
    expect(locate(readS3Connection(base), "my.bucket", "k").path).toBe("/my.bucket/k");
    expect(locate(readS3Connection({ ...base, endpoint: "http://127.0.0.1:9000/" }), "b", "k")).toEqual({
      protocol: "http",
      host: "127.0.0.1:9000",
      path: "/b/k",
    });
    expect(locate(readS3Connection({ ...base, endpoint: "https://minio.example.com:443/s3" }), "b").host).toBe("minio.example.com");
  });

  test("bad connection values name the field and never echo the secret", () => {
    expect(() => readS3Connection({ secretAccessKey: "hunter2" })).toThrow("accessKeyId is required");
    expect(() => readS3Connection({ accessKeyId: "A" })).toThrow("secretAccessKey is required");
    expect(() => readS3Connection({ ...base, endpoint: "ftp://x" })).toThrow(/endpoint must be an http\(s\) URL/);
    expect(() => readS3Connection({ ...base, secretAccessKey: "hunter2", region: "Mars 1" })).toThrow(/region/);
    try {
      readS3Connection({ ...base, secretAccessKey: "hunter2", region: "Mars 1" });
    } catch (err) {
      expect(String(err)).not.toContain("hunter2");
    }
  });
});

describe("XML reader", () => {
  test("reads S3's list and error documents: entities, CDATA, self-closing, prefixes", () => {
    const doc = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<!-- comment --><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>
<Contents><Key>a &amp; b&#47;&#x63;.txt</Key><ETag>&quot;abc&quot;</ETag><Size>3</Size></Contents>
<Contents><Key><![CDATA[<raw>]]></Key><Owner/></Contents><s3:Extra a='1' b="&lt;2">x</s3:Extra></ListBucketResult>`);
    expect(doc.name).toBe("ListBucketResult");
    expect(doc.attributes.xmlns).toBe("http://s3.amazonaws.com/doc/2006-03-01/");
    const contents = childrenNamed(doc, "Contents");
    expect(contents.map((c) => childText(c, "Key"))).toEqual(["a & b/c.txt", "<raw>"]);
    expect(childText(contents[0], "ETag")).toBe('"abc"');
    expect(childrenNamed(doc, "Extra")[0].attributes).toEqual({ a: "1", b: "<2" });
    expect(childText(doc, "Missing")).toBeUndefined();
  });

  test("malformed documents are refused", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/does not close/);
    expect(() => parseXml("<a>")).toThrow(/not closed/);
    expect(() => parseXml("just text")).toThrow(/no element/);
  });
});
