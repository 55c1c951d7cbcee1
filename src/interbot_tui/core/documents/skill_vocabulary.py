"""The curated skill vocabulary: canonical names, the other ways people write them, what they imply.

One line per skill: `Canonical | alias | alias | >Implied`. An alias is matched whatever its
case unless it is marked:
- `=Word`: only as written (capitalised "React", "Spark", "Snowflake": the lower-case words are
  ordinary English);
- `~Word`: only as written *and* in a tech context (a list, "in Go", "C programming"): the
  one- and two-letter names C, R and Go;
- `>Name`: mentioning this skill also means that one ("EKS" is Kubernetes on AWS).
A canonical name written `=Name` or `~Name` follows the same rule.
"""

from __future__ import annotations

LANGUAGES = """
Python | python3
Java
Kotlin
Scala
~Go | golang
=Rust
~C | C language | C programming
C++ | cpp
C# | C sharp | csharp
F#
=Ruby
=Elixir
Erlang
Haskell
Clojure
=Swift
Objective-C | ObjC
=Dart
Lua
~Julia
~R | R language | R programming | RStudio
MATLAB
Perl
PHP
=Groovy
Fortran
COBOL
JavaScript | =JS | ECMAScript | ES6
TypeScript
SQL | ANSI SQL
Bash | shell scripting | shell scripts
PowerShell
"""

BACKEND = """
.NET | dotnet | .NET Core
ASP.NET | ASP.NET Core | >.NET
Node.js | NodeJS | =Node
Express.js | ExpressJS
NestJS
Django
Flask
FastAPI
Spring Boot | Spring Framework | >Java
Hibernate
Ruby on Rails | =Rails | >Ruby
Laravel | >PHP
Symfony | >PHP
gRPC
GraphQL
=REST | RESTful | REST API | RESTful API
OpenAPI | Swagger
WebSockets | WebSocket
RabbitMQ
ActiveMQ
Celery
ZeroMQ | ZMQ
=NATS
Microservices | microservice | microservice architecture
Event-driven architecture | event-driven | event sourcing
Message queues | message queue | message broker
Caching
Concurrency | multithreading | multi-threading
OAuth | OAuth2 | OAuth 2.0
JWT
OpenID Connect | OIDC
API design
Distributed systems | distributed system
Data structures
Algorithms
Design patterns
"""

FRONTEND = """
=React | React.js | ReactJS
Vue.js | VueJS | =Vue
=Angular | AngularJS
Svelte | SvelteKit
Next.js | NextJS
Nuxt | Nuxt.js
Redux
HTML | HTML5
CSS | CSS3
Sass | SCSS
Tailwind CSS | Tailwind
webpack
=Vite
jQuery
=Bootstrap
Accessibility | a11y | WCAG
Storybook
Jest
Cypress
Playwright
Selenium
Responsive design
Figma
"""

MOBILE = """
iOS
Android
SwiftUI | >Swift
Jetpack Compose | >Kotlin
React Native
Flutter
Xamarin
Firebase
"""

DATA_ENGINEERING = """
Kafka | Apache Kafka | Kafka Connect
Kafka Streams | >Kafka
=Spark | Apache Spark | Spark SQL | Spark Streaming | Structured Streaming
PySpark | >Spark | >Python
Flink | Apache Flink
Apache Beam
Airflow | Apache Airflow
Dagster
Prefect
=Luigi
dbt | dbt Core | dbt Cloud
Apache Iceberg | =Iceberg
Apache Hudi | =Hudi
Delta Lake
Parquet | Apache Parquet
Avro | Apache Avro
Protobuf | Protocol Buffers
Hadoop | Apache Hadoop
HDFS
Apache Hive | =Hive
Presto
Trino
Databricks
=Snowflake
Apache NiFi | NiFi
Apache Pulsar | =Pulsar
Debezium
Fivetran
Airbyte
Great Expectations
Change data capture | =CDC
ETL | ETL pipelines
ELT
Data modeling | data modelling | dimensional modeling | dimensional modelling | star schema | Kimball
Data warehousing | data warehouse | data warehouses
Data lake | data lakes | lakehouse | data lakehouse
Stream processing | streaming data | real-time streaming | event streaming
Batch processing
Data quality
Data governance | data lineage
"""

ANALYTICS = """
Tableau
Power BI | PowerBI
Looker | Looker Studio
Metabase
Apache Superset | =Superset
=Excel | Microsoft Excel
Data visualization | data visualisation
Data analysis | data analytics
Statistics | statistical analysis | statistical modeling
A/B testing | A/B tests | A/B test | AB testing | split testing | experimentation platform
"""

ML = """
Machine learning | =ML
Deep learning
Artificial intelligence | =AI
PyTorch
TensorFlow
Keras
scikit-learn | sklearn
XGBoost
LightGBM
pandas
NumPy
SciPy
Polars
Dask
Jupyter | Jupyter notebooks | JupyterLab
Matplotlib
Plotly
MLflow
Kubeflow
MLOps
Hugging Face | HuggingFace
LangChain
spaCy
NLTK
OpenCV
ONNX
CUDA
NLP | natural language processing
Computer vision
LLM | large language model | large language models
=RAG | retrieval-augmented generation | retrieval augmented generation
Feature engineering
Recommender systems | recommendation systems | recommendation engine
Time series | time-series forecasting | forecasting models
"""

DATABASES = """
PostgreSQL | Postgres | psql
MySQL
MariaDB
SQLite
Oracle Database | =Oracle | Oracle DB | PL/SQL
SQL Server | MSSQL | Microsoft SQL Server | =T-SQL
MongoDB | =Mongo
Cassandra | Apache Cassandra
DynamoDB | Amazon DynamoDB | >AWS
Redis
Memcached
Elasticsearch | Elastic Search
OpenSearch
Neo4j
CouchDB
ClickHouse
Apache Druid | =Druid
InfluxDB
TimescaleDB
CockroachDB
Cosmos DB | CosmosDB | >Azure
HBase
Bigtable | >Google Cloud
=Spanner | Cloud Spanner | Google Spanner | >Google Cloud
BigQuery | >Google Cloud
Redshift | Amazon Redshift | >AWS
NoSQL
pgvector
Vector databases | vector database | vector store
Query optimization | query optimisation | query tuning
Database design | schema design
"""

CLOUD_DEVOPS = """
AWS | Amazon Web Services
Google Cloud | GCP | Google Cloud Platform
Azure | Microsoft Azure
Amazon S3 | =S3 | AWS S3 | >AWS
Amazon EC2 | =EC2 | AWS EC2 | >AWS
AWS Lambda | >AWS
Amazon ECS | =ECS | >AWS
Amazon EKS | =EKS | >AWS | >Kubernetes
GKE | Google Kubernetes Engine | >Google Cloud | >Kubernetes
AKS | Azure Kubernetes Service | >Azure | >Kubernetes
Amazon RDS | =RDS | AWS RDS | >AWS
Amazon Kinesis | Kinesis | >AWS
AWS Glue | >AWS
Amazon EMR | =EMR | AWS EMR | >AWS
Amazon Athena | =Athena | AWS Athena | >AWS
SageMaker | Amazon SageMaker | >AWS | >Machine learning
CloudFormation | AWS CloudFormation | >AWS
CloudWatch | Amazon CloudWatch | >AWS
Google Cloud Dataflow | Google Dataflow | Cloud Dataflow | =Dataflow | >Google Cloud
Pub/Sub | Google Pub/Sub | Cloud Pub/Sub | >Google Cloud
Vertex AI | >Google Cloud | >Machine learning
Azure Data Factory | >Azure
Azure DevOps | >Azure
Docker | Dockerfile | Docker Compose
Kubernetes | k8s
=Helm | Helm charts
Terraform
Pulumi
Ansible
=Chef
=Puppet
Jenkins
GitHub Actions
GitLab CI | GitLab CI/CD
CircleCI
Argo CD | ArgoCD
Prometheus
Grafana
Datadog
New Relic
Splunk
ELK stack | =ELK | Kibana | Logstash
OpenTelemetry
Nginx
HAProxy
Istio
=Envoy
OpenShift
HashiCorp Vault
Cloudflare
Linux | Ubuntu | Debian | RHEL
Git
GitHub
GitLab
CI/CD | CI / CD | continuous integration | continuous delivery | continuous deployment
Infrastructure as code | =IaC
DevOps
Site reliability engineering | =SRE
Observability
Serverless
Load balancing | load balancer | load balancers
DNS
TCP/IP
"""

SECURITY = """
OWASP | OWASP Top 10
Penetration testing | pen testing | pentesting
Threat modeling | threat modelling
=SAST | static application security testing
=DAST
=SIEM
SOC 2 | SOC2
ISO 27001
=GDPR
PCI DSS | PCI-DSS
Encryption
TLS | SSL | TLS/SSL | SSL/TLS | HTTPS
=PKI
Zero trust
Identity and access management | =IAM
Vulnerability management
Incident response | incident management
Burp Suite
Wireshark
Metasploit
Nmap
Snyk
SSO | single sign-on
SAML
"""

PRACTICES = """
Agile | agile methodologies
Scrum
Kanban
TDD | test-driven development | test driven development
BDD | behaviour-driven development | behavior-driven development
Domain-driven design | =DDD
System design | systems design
Code review | code reviews
Pair programming
Unit testing | unit tests
Integration testing | integration tests
Performance tuning | performance optimization | performance optimisation
On-call | on call rotation | on-call rotation
Mentoring | mentored | mentorship
Stakeholder management
Technical leadership | tech lead
Jira
Confluence
"""

CATEGORIES: dict[str, str] = {
    "languages": LANGUAGES,
    "backend": BACKEND,
    "frontend": FRONTEND,
    "mobile": MOBILE,
    "data engineering": DATA_ENGINEERING,
    "analytics": ANALYTICS,
    "machine learning": ML,
    "databases": DATABASES,
    "cloud and devops": CLOUD_DEVOPS,
    "security": SECURITY,
    "practices": PRACTICES,
}
