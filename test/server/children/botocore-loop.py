# A long-running botocore program, run as the child of `awsctl exec --server`: it calls
# sts:AssumeRole with session name "judge" (against the fake STS in AWS_ENDPOINT_URL_STS) every 0.3 s until it has
# seen WANT distinct access keys, then prints what it saw as JSON. Any failure (expired keys,
# no credentials, a refused request) ends it with a traceback and a non-zero status.
#   argv: WANT [fresh]   fresh = a new botocore session per call (IMDS credentials live long)
import json, logging, os, sys, time
import botocore.session

want = int(sys.argv[1])
fresh = len(sys.argv) > 2 and sys.argv[2] == 'fresh'
extensions = []

class Watch(logging.Handler):
    def emit(self, record):
        if 'expiration extension' in record.getMessage():
            extensions.append(record.getMessage())

logging.getLogger('botocore').addHandler(Watch())
logging.getLogger('botocore').setLevel(logging.INFO)

seen, methods, calls = [], set(), 0

def record_signer(request, **kwargs):
    # The request as sent: the key that really signed it.
    auth = request.headers.get('Authorization', b'')
    auth = auth.decode() if isinstance(auth, bytes) else auth
    key = auth.split('Credential=')[1].split('/')[0] if 'Credential=' in auth else None
    if key and key not in seen:
        seen.append(key)

def client():
    session = botocore.session.get_session()
    sts = session.create_client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL_STS'])
    sts.meta.events.register('before-send.sts', record_signer)
    return session, sts

session, sts = client()
deadline = time.time() + 90
while len(seen) < want and time.time() < deadline:
    if fresh:
        session, sts = client()
    sts.assume_role(RoleArn='arn:aws:iam::111122223333:role/Judge', RoleSessionName='judge')
    calls += 1
    methods.add(session.get_credentials().method)
    time.sleep(0.3)
print(json.dumps({'keys': seen, 'methods': sorted(methods), 'calls': calls, 'extensions': extensions,
                  'botocore': botocore.__version__,
                  'env': sorted(k for k in os.environ if k.startswith('AWS_'))}))
sys.exit(0 if len(seen) >= want else 3)
