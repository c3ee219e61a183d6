#!/bin/sh
# Generates the TLS test fixtures: a test CA, a server certificate for localhost / 127.0.0.1 and a client
# certificate, all signed by the CA and valid for 100 years so the committed PEMs never expire under the tests.
# Run from this directory: ./make-certs.sh
set -eu
DAYS=36500
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days $DAYS \
  -keyout ca.key.pem -out ca.pem -subj "/CN=Swiftlet Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout server.key.pem -out server.csr -subj "/CN=localhost"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key.pem -CAcreateserial -days $DAYS \
  -extfile server.ext -out server.pem
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout client.key.pem -out client.csr -subj "/CN=swiftlet-test-node"
printf 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n' > client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key.pem -CAcreateserial -days $DAYS \
  -extfile client.ext -out client.pem
rm -f server.csr client.csr server.ext client.ext ca.srl
