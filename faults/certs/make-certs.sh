#!/usr/bin/env bash
# Makes the fault suite's test CA and the server certificate it signs, for
# the names the suite's TLS server answers to. Run again to replace them;
# they are committed so that the suite needs no openssl to run.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout ca.key -out ca.pem -days "$days" -subj '/CN=Fault suite test CA' \
  -addext 'basicConstraints=critical,CA:TRUE' \
  -addext 'keyUsage=critical,keyCertSign,cRLSign'
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout server.key -out server.csr -subj '/CN=api.serpwow.test'
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -out server.pem -days "$days" \
  -extfile <(printf 'subjectAltName=DNS:api.serpwow.test,DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n')
rm -f server.csr ca.srl
