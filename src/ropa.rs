//! Record of processing activities (stub).
