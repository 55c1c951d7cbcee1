"""What the candidate's resume and the job description say, as read, for grounding an interview."""
